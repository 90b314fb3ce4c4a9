// Loads a bundled handler, makes one call and prints the time from process start to its end.
// Plain CommonJS, run by node without tsx, so nothing but the handler is loaded.
const { performance } = require('node:perf_hooks');
const { handler } = require(process.argv[2]);
const event = JSON.parse(process.env.BENCH_EVENT);
const context = {
  functionName: 'payments',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:payments',
  memoryLimitInMB: '1024',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  getRemainingTimeInMillis: () => 30000,
};
handler(event, context).then(
  () => {
    process.stdout.write(JSON.stringify({ firstCallMs: performance.now() }));
    process.exit(0);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
