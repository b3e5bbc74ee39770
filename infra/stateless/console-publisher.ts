import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  CustomResource,
  DockerImage,
  Duration,
  FileSystem,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { esbuildOptionsFor } from './bundling.js';
import {
  CONSOLE_PUBLICATION_TYPE,
  type PublicationProperties,
  SITE_FOLDER,
} from './console-publisher/contract.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONSOLE_DIR = fileURLToPath(new URL('../../console/', import.meta.url));
const PUBLISHER_DIR = fileURLToPath(new URL('./console-publisher/', import.meta.url));
/** The one part of the service the page runs (policy resolution); the rest it imports are types. */
const SHARED_POLICY_DIR = fileURLToPath(new URL('../../shared/policy/', import.meta.url));
const NOT_BUILT = ['dist', 'node_modules'];

/** The build's identity: the sources' fingerprint (shared modules and the publisher included). */
const buildHash = () =>
  [CONSOLE_DIR, SHARED_POLICY_DIR, PUBLISHER_DIR]
    .map((path) => FileSystem.fingerprint(path, { exclude: NOT_BUILT }))
    .join('');

/**
 * The publisher's package, built at synthesis on this machine (as `cdk synth`/`deploy` and the
 * local runtime do): its handler bundled by esbuild like every function, and the console built by
 * Vite into `site/`. So what deploys and what `npm start` serves is always built from the sources.
 */
const publisherCode = (hash: string) =>
  Code.fromAsset(CONSOLE_DIR, {
    exclude: NOT_BUILT,
    assetHash: hash,
    bundling: {
      // Never used: the local build below always succeeds or fails the synthesis.
      image: DockerImage.fromRegistry('node:24-slim'),
      local: {
        tryBundle(outputDir: string) {
          execFileSync(
            process.execPath,
            [
              `${REPO_ROOT}node_modules/vite/bin/vite.js`,
              'build',
              CONSOLE_DIR,
              '--outDir',
              `${outputDir}/${SITE_FOLDER}`,
              '--emptyOutDir',
              '--logLevel',
              'warn',
            ],
            { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
          );
          buildSync({
            ...esbuildOptionsFor(`${PUBLISHER_DIR}handler.ts`),
            outfile: `${outputDir}/index.mjs`,
            logLevel: 'warning',
          });
          return true;
        },
      },
    },
  });

export interface ConsolePublisherProps {
  readonly bucket: Bucket;
  readonly config: Record<string, unknown>;
}

/**
 * Copies the console's build and its `config.json` into its bucket on every deployment that
 * changes either, on the service's own runtime (Node.js 24, ARM64), with a role that may only
 * list, write and delete that bucket's objects and write its own log group.
 */
export class ConsolePublisher extends Construct {
  constructor(scope: Construct, id: string, props: ConsolePublisherProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    // Only what publishing needs: list the bucket, put and delete its objects.
    role.addToPolicy(
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [props.bucket.bucketArn] }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:DeleteObject'],
        resources: [props.bucket.arnForObjects('*')],
      }),
    );
    const hash = buildHash();
    const fn = new LambdaFunction(this, 'Function', {
      code: publisherCode(hash),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.minutes(5),
      logGroup,
      role,
    });
    const properties: PublicationProperties = {
      BucketName: props.bucket.bucketName,
      Config: props.config,
      BuildHash: hash,
    };
    new CustomResource(this, 'Publication', {
      serviceToken: fn.functionArn,
      resourceType: CONSOLE_PUBLICATION_TYPE,
      properties: { ...properties },
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(props.bucket.node.defaultChild as CfnBucket)}.Arn>/*]`,
      reason: 'It replaces the console’s files: put and delete on the objects of that one bucket.',
    });
  }
}
