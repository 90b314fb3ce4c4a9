/** A promise the test settles when it chooses: `reached` resolves once `signal()` was called. */
export function signal(): { reached: Promise<void>; signal: () => void } {
  let resolve!: () => void;
  const reached = new Promise<void>((done) => {
    resolve = done;
  });
  return { reached, signal: resolve };
}

/**
 * Holds the workflow's charge step in its body: `charging` resolves once the step runs, and the
 * step goes on only after `finish()`. Pass `beforeCharge` to `orderWorkflow`.
 */
export function heldCharge(): { beforeCharge: () => Promise<void>; charging: Promise<void>; finish: () => void } {
  const started = signal();
  const finished = signal();
  return {
    beforeCharge: () => {
      started.signal();
      return finished.reached;
    },
    charging: started.reached,
    finish: finished.signal,
  };
}
