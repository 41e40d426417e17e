import { el } from './dom.js';

/**
 * Keyset paging for one list: the server gives a `nextCursor`; going back re-reads the previous
 * page from the cursor that led to it (kept here), so nothing ever counts rows.
 */
export class Pager {
  constructor(container, load, label) {
    this.container = container;
    this.load = load;
    this.label = label;
    this.reset();
  }

  reset() {
    this.cursors = [undefined];
    this.next = null;
  }

  get page() {
    return this.cursors.length;
  }

  get cursor() {
    return this.cursors.at(-1);
  }

  async first() {
    this.reset();
    await this.show();
  }

  async forward() {
    if (!this.next) return;
    this.cursors.push(this.next);
    await this.show(() => this.cursors.pop());
  }

  async back() {
    if (this.cursors.length <= 1) return;
    const popped = this.cursors.pop();
    await this.show(() => this.cursors.push(popped));
  }

  async show(undo) {
    try {
      this.next = await this.load(this.cursor);
    } catch (error) {
      undo?.();
      throw error;
    }
    this.render();
  }

  render() {
    const back = el('button', { type: 'button', class: 'secondary', 'aria-label': `Previous page of the ${this.label}`, disabled: this.page <= 1, onclick: () => this.go(() => this.back()) }, '← Back');
    const next = el('button', { type: 'button', class: 'secondary', 'aria-label': `Next page of the ${this.label}`, disabled: !this.next, onclick: () => this.go(() => this.forward()) }, 'Next →');
    this.container.replaceChildren(back, el('span', { class: 'where' }, `page ${this.page}`), next);
  }

  /** Runs a step and keeps keyboard focus on the pager when it was there (its buttons are re-created). */
  async go(step) {
    const inPager = this.container.contains(document.activeElement);
    const focused = document.activeElement?.getAttribute('aria-label');
    try {
      await step();
    } catch (error) {
      this.onError?.(error);
    }
    if (!inPager) return;
    const buttons = [...this.container.querySelectorAll('button')];
    const same = buttons.find((b) => b.getAttribute('aria-label') === focused && !b.disabled);
    (same ?? buttons.find((b) => !b.disabled))?.focus();
  }
}
