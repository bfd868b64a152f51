/**
 * Run the SLA sweep now on the local stack (`npm run local:sweep`), through serverless-offline's
 * Lambda endpoint, as the 5-minute schedule would; prints what it did.
 */
const port = process.env.MINSHENG_LAMBDA_PORT ?? '3002';
const body = process.argv[2] ? JSON.stringify({ now: process.argv[2] }) : '{}';
const res = await fetch(`http://localhost:${port}/2015-03-31/functions/minsheng-local-slaSweep/invocations`, { method: 'POST', body });
console.log(res.status, await res.text());
export {};
