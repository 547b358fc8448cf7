/**
 * The value last stored under each of a few names, for the writers' memories of the last package
 * they wrote under a name (a deck and its language): storing under a new name past the limit drops
 * the name stored longest ago.
 */
export class LatestByName<T> {
  private readonly values = new Map<string, T>();

  constructor(private readonly limit: number) {}

  get(name: string): T | undefined {
    return this.values.get(name);
  }

  set(name: string, value: T): void {
    this.values.delete(name);
    if (this.values.size >= this.limit) this.values.delete(this.values.keys().next().value!);
    this.values.set(name, value);
  }
}
