import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * The credentials of an AWS client in Lambda: the execution role's, which Lambda puts in the
 * environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) for the container's life.
 * Named explicitly so the SDK never falls back to its default chain (@aws-sdk/credential-provider-node:
 * env, SSO, ini files, process, web identity, IMDS, with their own STS/SSO clients); the Lambda
 * packaging replaces that chain with a stub that throws (infra/esbuild/plugins.cjs), which keeps
 * ~90 KB of SDK out of every bundle and its evaluation out of every cold start.
 */
export const lambdaCredentials = (): ReturnType<typeof fromEnv> => fromEnv();
