import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type BackorderStacks, defineApp } from '../../infra/define-app.js';
import { addNagChecks } from '../../infra/nag-suppressions.js';
import { cdkJsonContext } from '../../infra/template/synth.js';

/**
 * The app's stacks for assertions. Bundling is skipped (tests assert the template, not the
 * bundles), which keeps synthesis to a second or two.
 */
export const synthStacks = (options: { nag?: boolean; stage?: string } = {}) => {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  const stacks: BackorderStacks = defineApp(app, options.stage ?? 'dev');
  if (options.nag) addNagChecks(app);
  return {
    app,
    stacks,
    stateful: Template.fromStack(stacks.stateful),
    stateless: Template.fromStack(stacks.stateless),
  };
};
