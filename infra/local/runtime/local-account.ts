/** The account and region the local resources live in: what their ARNs and events say. */
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT = '000000000000';
