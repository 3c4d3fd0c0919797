import type { SqlExecutor } from "../sql-executor.ts";

/** A comparable description of the public schema: tables, columns, constraints, indexes, enums, functions. */
export interface CatalogSnapshot {
  columns: string[];
  constraints: string[];
  indexes: string[];
  enums: string[];
  extensions: string[];
  /** Functions of the schema itself (not those extensions bring). */
  functions: string[];
  /** User-defined triggers, as `table.trigger`. */
  triggers: string[];
}

export async function catalogSnapshot(sql: SqlExecutor, ignoreTables: string[] = []): Promise<CatalogSnapshot> {
  const ignored = new Set(ignoreTables);
  const columns = await sql.query<{ t: string; c: string; ty: string; n: string; d: string | null }>(
    `SELECT table_name AS t, column_name AS c, udt_name AS ty, is_nullable AS n, column_default AS d
       FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  const constraints = await sql.query<{ t: string; name: string; def: string }>(
    `SELECT cl.relname AS t, co.conname AS name, pg_get_constraintdef(co.oid) AS def
       FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid
       JOIN pg_namespace ns ON ns.oid = cl.relnamespace WHERE ns.nspname = 'public'`,
  );
  const indexes = await sql.query<{ t: string; def: string }>(
    `SELECT tablename AS t, indexdef AS def FROM pg_indexes WHERE schemaname = 'public'`,
  );
  const enums = await sql.query<{ name: string; labels: string }>(
    `SELECT t.typname AS name, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
  );
  const extensions = await sql.query<{ name: string }>(`SELECT extname AS name FROM pg_extension`);
  const functions = await sql.query<{ name: string }>(
    `SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace ns ON ns.oid = p.pronamespace
      WHERE ns.nspname = 'public'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`,
  );
  const triggers = await sql.query<{ t: string; name: string }>(
    `SELECT cl.relname AS t, tg.tgname AS name FROM pg_trigger tg JOIN pg_class cl ON cl.oid = tg.tgrelid
       JOIN pg_namespace ns ON ns.oid = cl.relnamespace WHERE ns.nspname = 'public' AND NOT tg.tgisinternal`,
  );
  const keep = (table: string) => !ignored.has(table);
  return {
    columns: columns.filter((r) => keep(r.t)).map((r) => `${r.t}.${r.c} ${r.ty} null=${r.n} default=${r.d}`).sort(),
    constraints: constraints.filter((r) => keep(r.t)).map((r) => `${r.t}.${r.name}: ${r.def}`).sort(),
    indexes: indexes.filter((r) => keep(r.t)).map((r) => r.def).sort(),
    enums: enums.map((r) => `${r.name}(${r.labels})`).sort(),
    extensions: extensions.map((r) => r.name).sort(),
    functions: functions.map((r) => r.name).sort(),
    triggers: triggers.filter((r) => keep(r.t)).map((r) => `${r.t}.${r.name}`).sort(),
  };
}
