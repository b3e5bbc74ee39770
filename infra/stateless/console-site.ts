import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  AssetHashType,
  DockerImage,
  Duration,
  FileSystem,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import {
  AllowedMethods,
  Distribution,
  HttpVersion,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONSOLE_DIR = fileURLToPath(new URL('../../console/', import.meta.url));
/** The one part of the service the page runs (policy resolution); the rest it imports are types. */
const SHARED_POLICY_DIR = fileURLToPath(new URL('../../shared/policy/', import.meta.url));

/**
 * The console's build, as an asset: Vite builds it into the asset's folder when the stack is
 * synthesized with bundling (as `cdk synth`/`deploy` and the local runtime do), so what deploys and
 * what `npm start` serves is always built from the sources. Its hash is the sources' (the shared
 * modules it imports included), not the build's.
 */
export const consoleSource = () =>
  Source.asset(CONSOLE_DIR, {
    exclude: ['dist', 'node_modules'],
    assetHashType: AssetHashType.CUSTOM,
    assetHash: [CONSOLE_DIR, SHARED_POLICY_DIR]
      .map((path) => FileSystem.fingerprint(path, { exclude: ['dist', 'node_modules'] }))
      .join(''),
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
              outputDir,
              '--emptyOutDir',
              '--logLevel',
              'warn',
            ],
            { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
          );
          return true;
        },
      },
    },
  });

/**
 * The operator console (DESIGN §12): its build in a private bucket, served by CloudFront through
 * origin access control; `config.json` beside it tells the page where the API is.
 */
export class ConsoleSite extends Construct {
  readonly distribution: Distribution;
  private readonly bucket: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason: 'The bucket holds only the public build of the console; CloudFront logs its requests.',
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Backorder operator console',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
      },
      // The console routes by the URL's hash, so any other path is the page itself.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.minutes(5),
      })),
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-CFR1',
        reason: 'The console is for a tenant’s operators wherever they are; the API checks every key.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-CFR2',
        reason: 'A static page with no form posts to CloudFront; the API it calls authorizes each request.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-CFR3',
        reason: 'Static files only; access logging would need a log bucket for little to learn.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-CFR4',
        reason:
          'Served on the default CloudFront domain, whose certificate allows TLS 1.0 viewers; a custom domain would set TLS 1.2.',
      },
    );
  }

  /** Where the page is served from: the one origin the API's CORS allows. */
  get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /**
   * Uploads the build and the API's address. Every file is served `no-cache` (revalidated by its
   * ETag), so a new deployment shows at once without an invalidation, which would need a
   * `cloudfront:CreateInvalidation` grant on every distribution (it has no resource-level form).
   */
  publish(apiUrl: string): void {
    const deployment = new BucketDeployment(this, 'Deployment', {
      destinationBucket: this.bucket,
      sources: [consoleSource(), Source.jsonData('config.json', { apiUrl })],
      cacheControl: [CacheControl.noCache()],
      memoryLimit: 256,
    });
    Validations.of(deployment.handlerRole).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK’s deployment function writes its own logs; the managed policy grants only that.',
      },
      ...[
        'Action::s3:Abort*',
        'Action::s3:DeleteObject*',
        'Action::s3:GetBucket*',
        'Action::s3:GetObject*',
        'Action::s3:List*',
        `Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*`,
        'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
      ].map((finding) => ({
        id: `AwsSolutions::AwsSolutions-IAM5[${finding}]`,
        reason:
          'CDK’s deployment function reads the build from the CDK asset bucket and replaces the console bucket’s objects: CDK’s own grants, limited to those two buckets.',
      })),
    );
    const handler = Stack.of(this).node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (handler) {
      Validations.of(handler).acknowledge({
        id: 'AwsSolutions::AwsSolutions-L1',
        reason: 'CDK’s deployment function is Python with the AWS CLI; CDK chooses its runtime.',
      });
    }
  }
}
