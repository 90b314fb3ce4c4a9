import { gunzipSync } from 'node:zlib';
import type { Functions } from '../types/jmespath.js';
import type { JSONValue } from '../types/json.js';

/**
 * The functions that Powertools adds to JMESPath, so expressions written for it work here
 * unchanged: decode a JSON string, a base64 string, or a base64 gzip string.
 */
export const powertoolsFunctions: Functions = {
  powertools_json: {
    signature: [['string']],
    fn: (text) => JSON.parse(text as string) as JSONValue,
  },
  powertools_base64: {
    signature: [['string']],
    fn: (text) => Buffer.from(text as string, 'base64').toString('utf8'),
  },
  powertools_base64_gzip: {
    signature: [['string']],
    fn: (text) => gunzipSync(Buffer.from(text as string, 'base64')).toString('utf8'),
  },
};
