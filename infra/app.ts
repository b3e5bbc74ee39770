/** CDK app entry (cdk.json): `npx cdk synth [-c stage=prod]`. */
import { App } from 'aws-cdk-lib';
import { defineApp } from './define-app.js';
import { addNagChecks } from './nag-suppressions.js';

const app = new App();
defineApp(app);
addNagChecks(app);
app.synth();
