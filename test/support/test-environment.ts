/**
 * Environment of every test file (jest `setupFiles`), set before any handler module is loaded.
 * Tests read metrics nowhere, so publishing them (and Metrics' warning that a call added none)
 * would only bury the output that matters; set the variable to `false` to see them.
 */
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
