// The AWS SDK for JavaScript v3 emits a NodeVersionSupportWarning once per process on Node < 22;
// the tests pin Node 20 on purpose, so the warning is noise in test output. This is the switch
// the SDK itself reads (@aws-sdk/core, emitWarningIfUnsupportedVersion): only the string "true".
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
