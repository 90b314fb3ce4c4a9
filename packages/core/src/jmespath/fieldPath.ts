/** The nodes of a compiled expression that a field path is made of. */
type ExpressionNode = { type: string; name?: unknown; left?: ExpressionNode; right?: ExpressionNode };

/**
 * The member names of an expression that only reads members (`body`, `a.b.c`, `"x-y".z`), in
 * order; undefined for any other expression. Most key selections are one, and reading them
 * directly skips the interpreter's walk of the tree on every call.
 */
export function fieldPathOf(node: ExpressionNode): string[] | undefined {
  if (node.type === 'Field') return typeof node.name === 'string' ? [node.name] : undefined;
  if (node.type !== 'Subexpression' || !node.left || !node.right) return undefined;
  const left = fieldPathOf(node.left);
  const right = left && fieldPathOf(node.right);
  return right && [...(left as string[]), ...right];
}

/**
 * What the interpreter answers for the field path: at each step the member of an object (not an
 * array), null when there is none or the value is no object, and null once a step read null.
 */
export function readFieldPath(path: readonly string[], value: unknown): unknown {
  let current = value;
  for (let i = 0; i < path.length; i++) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return null;
    current = (current as Record<string, unknown>)[path[i] as string] ?? null;
  }
  return current;
}
