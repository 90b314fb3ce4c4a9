import { type IdempotencyLambdaHandlerOptions, type LambdaContext, makeIdempotent } from '@idem/core';
import { makeHandlerIdempotent } from '@idem/middy';
import middyNewest from 'middy-newest';
import middyOldest from 'middy-oldest';

/** A Lambda handler as the scenarios write it. */
export type LambdaFunction = (event: any, context: LambdaContext) => Promise<unknown>;

/** One way of making a handler idempotent; every scenario runs through each. */
export interface Subject {
  name: string;
  build(fn: LambdaFunction, options: IdempotencyLambdaHandlerOptions): LambdaFunction;
}

/** The Middy majors the middleware supports, oldest and newest, installed under aliases. */
export const middyMajors = [
  { name: '@middy/core 6.0.0 (oldest supported)', middy: middyOldest },
  { name: '@middy/core 7 (newest)', middy: middyNewest },
] as const;

export const subjects: Subject[] = [
  {
    name: 'makeIdempotent',
    build: (fn, options) => makeIdempotent(fn, options),
  },
  ...middyMajors.map(({ name, middy }) => ({
    name: `makeHandlerIdempotent on ${name}`,
    build: (fn: LambdaFunction, options: IdempotencyLambdaHandlerOptions): LambdaFunction => {
      const handler = (middy as typeof middyNewest)(fn as never).use(makeHandlerIdempotent(options));
      return (event, context) => handler(event, context as never);
    },
  })),
];
