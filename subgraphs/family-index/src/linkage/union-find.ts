/**
 * Disjoint sets over string keys, with "cannot link" constraints: a union that would put two
 * keys a reviewer kept apart in one set is refused.
 */
export class UnionFind {
  private readonly parent = new Map<string, string>();
  private readonly size = new Map<string, number>();
  /** Per root: keys that must never share its set. */
  private readonly apart = new Map<string, string[]>();

  add(key: string): void {
    if (this.parent.has(key)) return;
    this.parent.set(key, key);
    this.size.set(key, 1);
  }

  has(key: string): boolean {
    return this.parent.has(key);
  }

  find(key: string): string {
    let root = key;
    let next = this.parent.get(root);
    if (next === undefined) throw new RangeError(`unknown key ${key}`);
    while (next !== root) {
      root = next;
      next = this.parent.get(root)!;
    }
    // Path compression.
    let k = key;
    while (k !== root) {
      const up = this.parent.get(k)!;
      this.parent.set(k, root);
      k = up;
    }
    return root;
  }

  /** Keeps a and b in different sets from now on (both must have been added). */
  keepApart(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    this.apart.set(ra, [...(this.apart.get(ra) ?? []), b]);
    this.apart.set(rb, [...(this.apart.get(rb) ?? []), a]);
  }

  /** Joins the sets of a and b; false when refused (a constraint) , true when joined or already one. */
  union(a: string, b: string): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return true;
    const apartA = this.apart.get(ra) ?? [];
    const apartB = this.apart.get(rb) ?? [];
    if (apartA.some((k) => this.find(k) === rb) || apartB.some((k) => this.find(k) === ra)) return false;
    if (this.size.get(ra)! < this.size.get(rb)!) [ra, rb] = [rb, ra];
    this.parent.set(rb, ra);
    this.size.set(ra, this.size.get(ra)! + this.size.get(rb)!);
    if (apartB.length) this.apart.set(ra, [...apartA, ...apartB]);
    this.apart.delete(rb);
    return true;
  }

  /** The sets, each as its keys in insertion order, the sets ordered by their first key. */
  groups(): string[][] {
    const byRoot = new Map<string, string[]>();
    for (const key of this.parent.keys()) {
      const root = this.find(key);
      const group = byRoot.get(root);
      if (group) group.push(key);
      else byRoot.set(root, [key]);
    }
    return [...byRoot.values()];
  }
}
