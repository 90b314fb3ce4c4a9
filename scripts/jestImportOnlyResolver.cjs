// Jest resolves with the `require` condition. A package that exports only an `import` condition
// (Middy 6 and 7) is then "not found"; resolve it through `import` instead, and jest.config.ts
// compiles such packages to CommonJS.
module.exports = (path, options) => {
  try {
    return options.defaultResolver(path, options);
  } catch (error) {
    if (!options.conditions || options.conditions.includes('import')) throw error;
    return options.defaultResolver(path, { ...options, conditions: [...options.conditions, 'import'] });
  }
};
