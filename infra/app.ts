/** CDK app entry (cdk.json): `npx cdk synth [-c stage=prod]`. */
import { App } from 'aws-cdk-lib';
import { defineApp } from './define-app.js';

const app = new App();
defineApp(app);
app.synth();
