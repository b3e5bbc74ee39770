import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * Runs cdk-nag's AwsSolutions rules at synthesis: a finding stops `cdk synth` (and fails the
 * tests) unless the construct it concerns acknowledges it with a reason, next to its definition.
 */
export const addNagChecks = (app: App): void => {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
};
