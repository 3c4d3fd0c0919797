// madge ships no type declarations; this covers the part of its API the architecture test uses.
declare module "madge" {
  interface MadgeResult {
    /** Each cycle as the list of module paths that form it. */
    circular(): string[][];
  }
  export default function madge(path: string | string[], config?: Record<string, unknown>): Promise<MadgeResult>;
}
