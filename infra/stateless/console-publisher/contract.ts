/**
 * What the stack, the publisher and the local runtime agree on about the console's publication
 * (no CDK import, so the local runtime can read it without loading the CDK).
 */

/** The custom resource type: the local runtime serves the build instead of copying it. */
export const CONSOLE_PUBLICATION_TYPE = 'Custom::ConsolePublication';

/** Where the console's build sits inside the publisher's package. */
export const SITE_FOLDER = 'site';

/** The custom resource's properties, as CloudFormation hands them to the publisher. */
export interface PublicationProperties {
  readonly BucketName: string;
  readonly Config: Record<string, unknown>;
  /** Changes with every build, so CloudFormation sends an update when the console changes. */
  readonly BuildHash: string;
}
