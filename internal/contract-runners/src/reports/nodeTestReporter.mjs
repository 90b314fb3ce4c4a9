// A node:test reporter (--test-reporter) that writes one JSON line per test: its suite, name,
// outcome and message, for src/reports/readReport.ts. Tests run one after another within a file,
// so the open suites at a test's start are its ancestors.
export default async function* contractReporter(source) {
  const open = [];
  for await (const event of source) {
    const { data } = event;
    if (event.type === 'test:start') {
      open.length = data.nesting;
      open.push(data.name);
    }
    if ((event.type !== 'test:pass' && event.type !== 'test:fail') || data.details?.type === 'suite') continue;
    const error = data.details?.error;
    const outcome =
      event.type === 'test:fail' ? 'failed' : data.todo !== undefined ? 'todo' : data.skip !== undefined ? 'skipped' : 'passed';
    const reason = typeof data.todo === 'string' ? data.todo : typeof data.skip === 'string' ? data.skip : undefined;
    yield `${JSON.stringify({ suite: open[data.nesting - 1] ?? '', name: data.name, outcome, message: error?.cause?.message ?? error?.message ?? reason })}\n`;
  }
}
