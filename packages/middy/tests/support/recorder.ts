import type { MiddyLikeRequest } from '@idem/middy';

/** A middleware that writes each of its lifecycle steps to `log`, named `name.step`. */
export function recorder(name: string, log: string[]) {
  return {
    before: async (_request: MiddyLikeRequest) => {
      log.push(`${name}.before`);
    },
    after: async (_request: MiddyLikeRequest) => {
      log.push(`${name}.after`);
    },
    onError: async (_request: MiddyLikeRequest) => {
      log.push(`${name}.onError`);
    },
  };
}
