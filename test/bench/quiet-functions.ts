/**
 * Imported first by the bench: the handlers it calls log and emit metrics as deployed, which would
 * bury the progress and the table. Errors still show. Set before any handler module is loaded.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_TRACE_DISABLED ??= 'true';
