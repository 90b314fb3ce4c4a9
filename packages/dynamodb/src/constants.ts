/** Defaults of the options this package adds to the core's attribute names. */
export const dynamoDBDefaults = {
  keyAttr: 'id',
  ownerAttr: 'owner',
} as const;

/** DynamoDB's largest item, in bytes (400 KB), attribute names and values included. */
export const maxItemSizeBytes = 400 * 1024;
