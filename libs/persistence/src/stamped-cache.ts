/**
 * A value read from the database, kept per process while its stamp — read by the caller with each
 * use, in one small query — is unchanged. A change committed on any replica changes the stamp, so
 * the next use after the commit reloads. Callers read the stamp before the value: a change between
 * the two at worst keeps newer data under an older stamp, which the next stamp read replaces.
 */
export class StampedCache<T> {
  private cached: { stamp: string; value: Promise<T> } | null = null;

  get(stamp: string, load: () => Promise<T>): Promise<T> {
    if (this.cached?.stamp !== stamp) {
      const value = load();
      const entry = { stamp, value };
      this.cached = entry;
      // A failed load is not kept: the next use tries again.
      value.catch(() => {
        if (this.cached === entry) this.cached = null;
      });
    }
    return this.cached.value;
  }
}
