// The AWS SDK warns on every load that Node 20 support ends; the tests pin Node 20 on purpose,
// so the warning is noise in test output. This is the SDK's own documented switch.
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= '1';
