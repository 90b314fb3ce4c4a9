/** A value a statement takes: text, an integer, or NULL. */
export type SqlValue = string | number | null;

/** A parameter of a statement, by its index in the values the statement is run with. */
export class SqlParameter {
  constructor(public readonly index: number) {}
}

/** Parameter `index` (0-based) of a statement built with `sql`. */
export function param(index: number): SqlParameter {
  return new SqlParameter(index);
}

/**
 * A statement as text pieces around parameters: `pieces[0]`, parameter `slots[0]`, `pieces[1]`,
 * and so on. Each client renders the parameters its own way (`$n` placeholders, or literals), so
 * the text around them is written once.
 */
export interface SqlStatement {
  readonly pieces: readonly string[];
  readonly slots: readonly number[];
}

/**
 * Builds a statement: an interpolated string is SQL text (identifiers, already quoted), an
 * interpolated `param(i)` is a parameter, an interpolated statement is spliced in, parameters and all.
 */
export function sql(strings: TemplateStringsArray, ...parts: Array<string | SqlParameter | SqlStatement>): SqlStatement {
  const pieces: string[] = [strings[0] ?? ''];
  const slots: number[] = [];
  const append = (text: string) => {
    pieces[pieces.length - 1] += text;
  };
  parts.forEach((part, i) => {
    if (part instanceof SqlParameter) {
      slots.push(part.index);
      pieces.push('');
    } else if (typeof part === 'string') {
      append(part);
    } else {
      append(part.pieces[0] ?? '');
      part.slots.forEach((slot, j) => {
        slots.push(slot);
        pieces.push(part.pieces[j + 1] ?? '');
      });
    }
    append(strings[i + 1] ?? '');
  });
  return { pieces, slots };
}

/** The text with `$1`, `$2`... placeholders, for a client that sends the values as parameters. */
export function withPlaceholders(statement: SqlStatement): string {
  return statement.pieces.reduce((text, piece, i) =>
    i === 0 ? piece : `${text}$${(statement.slots[i - 1] as number) + 1}${piece}`
  );
}

/** The text with every value written as a literal, for a client that sends it as one simple query. */
export function withLiterals(statement: SqlStatement, values: readonly SqlValue[]): string {
  return statement.pieces.reduce((text, piece, i) => {
    if (i === 0) return piece;
    return `${text}${sqlLiteral(values[statement.slots[i - 1] as number] ?? null)}${piece}`;
  });
}

/**
 * A value as a SQL literal. Text becomes an escape string constant (`E'...'`), in which a
 * backslash and a quote are the only characters with a meaning, both doubled, so the text reads
 * back exactly whatever `standard_conforming_strings` says (libpq's PQescapeLiteral does the
 * same). That takes UTF-8 on the wire, where no byte of a multi-byte character is a quote or a
 * backslash: postgres.js sets `client_encoding` to UTF8 (an override of it in `connection` would
 * break this). Numbers must be integers and are parenthesised, so a minus sign never joins the
 * text before it into a comment.
 */
export function sqlLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`Not an integer a statement can take: ${value}`);
    return `(${value})`;
  }
  if (value.includes('\0')) throw new TypeError('PostgreSQL text cannot hold the character U+0000');
  return ` E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
