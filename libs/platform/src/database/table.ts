import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';
import type { Dialect } from './dialect';

/**
 * A table as its migrations create it, said once in terms both databases share. Each domain defines its tables next
 * to their row types (`defineTable<Subscriber>(…)`): the row type is what the repository returns, and `entitySchema`
 * turns the definition into the TypeORM entity for the dialect in use. The entity-schema test compares those entities
 * with a migrated database on SQLite and PostgreSQL, so a row type, its entity and the migrations cannot drift apart.
 */
export type ColumnKind = 'id' | 'ref' | 'integer' | 'boolean' | 'text' | 'varchar' | 'char' | 'timestamp';

/** The database's current time as a column default. */
export const NOW = Symbol('now');

export interface ColumnSpec<Nullable extends boolean = boolean> {
  readonly kind: ColumnKind;
  readonly length?: number;
  readonly nullable?: Nullable;
  /** Part of the primary key (an `id` column always is). */
  readonly primary?: boolean;
  readonly default?: string | number | boolean | typeof NOW;
}

interface Options {
  readonly nullable?: boolean;
  readonly primary?: boolean;
  readonly default?: ColumnSpec['default'];
}

type Nullability<O> = O extends { readonly nullable: true } ? true : false;

/** A column of a row property: nullable exactly when the property admits null, so the row type says what is stored. */
type ColumnFor<V> = ColumnSpec<null extends V ? true : false>;

const build =
  (kind: ColumnKind) =>
  <const O extends Options = Record<never, never>>(options?: O): ColumnSpec<Nullability<O>> =>
    ({ kind, ...options }) as ColumnSpec<Nullability<O>>;
const sized =
  (kind: ColumnKind) =>
  <const O extends Options = Record<never, never>>(length: number, options?: O): ColumnSpec<Nullability<O>> =>
    ({ kind, length, ...options }) as ColumnSpec<Nullability<O>>;

/** Column builders, so a definition reads like the migration: `email: column.varchar(254)`. */
export const column = {
  /** The generated primary key. */
  id: (): ColumnSpec<false> => ({ kind: 'id', primary: true }),
  /** A reference to another table's id (bigint on PostgreSQL, like the ids themselves). */
  ref: build('ref'),
  integer: build('integer'),
  boolean: build('boolean'),
  text: build('text'),
  varchar: sized('varchar'),
  char: sized('char'),
  timestamp: build('timestamp'),
};

export interface IndexSpec<K extends string> {
  readonly name: string;
  readonly columns: readonly K[];
  readonly unique?: boolean;
  /**
   * An index TypeORM cannot describe (a trigram GIN index, a partial or expression index): named here so the schema
   * comparison knows it is wanted, created and kept by the migrations alone.
   */
  readonly byMigrationOnly?: boolean;
  /** An index only one dialect has (SQLite searches through an FTS5 table instead of trigram indexes). */
  readonly only?: Dialect;
}

export interface TableSpec<T> {
  readonly name: string;
  /** A table only one dialect has (SQLite's search index bookkeeping). */
  readonly only?: Dialect;
  /**
   * On SQLite, the FTS5 trigram table that makes substring search over these columns fast. SearchIndexer fills it
   * in the background (a request never waits for it); rows not yet indexed are found by a scan of the short tail.
   */
  readonly searchIndex?: { readonly name: string; readonly columns: readonly (keyof T & string)[] };
  /** Every property of the row type is a column, so a row type cannot name a column the table lacks. */
  readonly columns: { readonly [K in keyof T]-?: ColumnFor<T[K]> };
  /** The primary key constraint's name, where a migration named it (composite and natural keys). */
  readonly primaryKeyName?: string;
  readonly indices?: readonly IndexSpec<keyof T & string>[];
  readonly uniques?: readonly { readonly name: string; readonly columns: readonly (keyof T & string)[] }[];
  readonly checks?: readonly { readonly name: string; readonly expression: string }[];
  readonly foreignKeys?: readonly {
    readonly name: string;
    readonly columns: readonly (keyof T & string)[];
    readonly references: string;
    readonly onDelete: 'CASCADE' | 'SET NULL';
  }[];
}

/** A CHECK expression limiting a column to a list of values (the statuses and kinds the code knows). */
export function oneOf(column: string, values: readonly string[]): string {
  return `${column} IN (${values.map((value) => `'${value}'`).join(', ')})`;
}

/** A table definition, typed by its row. */
export function defineTable<T>(spec: TableSpec<T>): TableSpec<T> {
  return spec;
}

const SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')";

function columnOptions(spec: ColumnSpec, dialect: Dialect, primaryKeyName?: string): EntitySchemaColumnOptions {
  const pg = dialect === 'postgres';
  const type = {
    id: pg ? 'bigint' : 'integer',
    ref: pg ? 'bigint' : 'integer',
    integer: 'integer',
    boolean: 'boolean',
    text: 'text',
    varchar: 'varchar',
    char: pg ? 'char' : 'character',
    timestamp: pg ? 'timestamptz' : 'datetime',
  }[spec.kind] as EntitySchemaColumnOptions['type'];
  const options: EntitySchemaColumnOptions = {
    type,
    nullable: spec.nullable ?? false,
    primary: spec.primary ?? false,
    ...(primaryKeyName ? { primaryKeyConstraintName: primaryKeyName } : {}),
    ...(spec.length !== undefined ? { length: spec.length } : {}),
  };
  if (spec.kind === 'id') {
    return pg
      ? // An identity column (GENERATED BY DEFAULT); EntitySchema's type omits the strategy its transformer passes on.
        { ...options, generated: 'identity' as 'increment' }
      : { ...options, generated: 'increment' };
  }
  if (spec.default === NOW) return { ...options, default: () => (pg ? 'now()' : SQLITE_NOW) };
  // SQLite keeps a default as the text it was given: the migrations wrote `DEFAULT false`, not TypeORM's `0`.
  if (typeof spec.default === 'boolean' && !pg) return { ...options, default: () => String(spec.default) };
  if (spec.default !== undefined) return { ...options, default: spec.default };
  return options;
}

/** The TypeORM entity for a table on one dialect. */
export function entitySchema(table: AnyTableSpec, dialect: Dialect): EntitySchema {
  const columns = Object.fromEntries(
    Object.entries<ColumnSpec>(table.columns).map(([name, spec]) => [
      name,
      columnOptions(spec, dialect, spec.primary ? table.primaryKeyName : undefined),
    ]),
  );
  return new EntitySchema({
    name: table.name,
    tableName: table.name,
    columns,
    indices: (table.indices ?? [])
      .filter((index) => (index.only ?? dialect) === dialect)
      .map((index) => ({
        name: index.name,
        columns: [...index.columns],
        unique: index.unique ?? false,
        synchronize: !index.byMigrationOnly,
      })),
    uniques: (table.uniques ?? []).map((unique) => ({ name: unique.name, columns: [...unique.columns] })),
    checks: (table.checks ?? []).map((check) => ({ name: check.name, expression: check.expression })),
    foreignKeys: (table.foreignKeys ?? []).map((key) => ({
      name: key.name,
      target: key.references,
      columnNames: [...key.columns],
      referencedColumnNames: ['id'],
      onDelete: key.onDelete,
    })),
  });
}

/** A table of any row type (the registry holds tables of many). */
export type AnyTableSpec = Omit<TableSpec<Record<string, unknown>>, 'columns'> & {
  readonly columns: Readonly<Record<string, ColumnSpec>>;
};

const registered = new Map<string, AnyTableSpec>();

/** Records the tables a domain module owns (called from its module definition, like TypeORM's forFeature). */
export function registerTables(tables: readonly AnyTableSpec[]): void {
  for (const table of tables) registered.set(table.name, table);
}

/** Every table a loaded domain module registered, that the dialect has. */
export function registeredTables(dialect: Dialect): readonly AnyTableSpec[] {
  return [...registered.values()].filter((table) => (table.only ?? dialect) === dialect);
}
