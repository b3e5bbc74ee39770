import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { BUNDLE_SETTINGS } from './bundling.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every Lambda handler of the service: one folder each under `functions/`. */
export const FUNCTION_NAMES = [
  'webhooks',
  'allocator',
  'events',
  'warehouse-api',
  'operator-api',
  'authorizer',
  'notifier',
  'sweep',
] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export interface ServiceFunctionProps {
  name: FunctionName;
  environment?: Record<string, string>;
  logRetention: RetentionDays;
  timeout?: Duration;
  memorySize?: number;
}

/**
 * The one way this service builds a Lambda function: ARM64, Node.js 24 (the Node the project runs locally, pinned in package.json), an ESM bundle made by esbuild
 * on this machine (never Docker), minified with source maps, X-Ray tracing, its own log group with
 * a retention, and the Powertools settings. The AWS SDK v3 comes from the runtime, which keeps
 * bundles small.
 */
export class ServiceFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Its own role, allowed to write to its own log group only (no broad managed policy).
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}functions/${props.name}/index.ts`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: Tracing.ACTIVE,
      logGroup,
      role,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'backorder-service',
        POWERTOOLS_METRICS_NAMESPACE: 'BackorderService',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLE_SETTINGS.target,
        platform: BUNDLE_SETTINGS.platform,
        minify: BUNDLE_SETTINGS.minify,
        mainFields: [...BUNDLE_SETTINGS.mainFields],
        externalModules: [...BUNDLE_SETTINGS.external],
        banner: BUNDLE_SETTINGS.banner,
        sourceMap: true,
        sourcesContent: false,
        forceDockerBundling: false,
      },
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray trace segments have no resource-level permissions; this is the only wildcard resource.',
    });
  }
}
