import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  Distribution,
  HttpVersion,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ConsolePublisher } from './console-publisher.js';

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

  /** Publishes the build with the API's address in `config.json` (see ConsolePublisher). */
  publish(apiUrl: string): void {
    new ConsolePublisher(this, 'Publisher', { bucket: this.bucket, config: { apiUrl } });
  }
}
