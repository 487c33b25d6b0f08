// The Responses API keeps what it answered (store defaults to true) so that GET /responses/{id}, its
// input_items and DELETE find it. Bounded: the oldest go first past `capacity`, as a mock must not grow forever.

export interface StoredResponse {
  /** The response object as the create call finally returned it. */
  response: Record<string, unknown>;
  /** The request's input as items, each with an id, in the order given. */
  inputItems: Record<string, unknown>[];
}

export class ResponseStore {
  private readonly entries = new Map<string, StoredResponse>();

  constructor(private readonly capacity = 1000) {}

  put(id: string, entry: StoredResponse): void {
    this.entries.set(id, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get(id: string): StoredResponse | undefined {
    return this.entries.get(id);
  }

  delete(id: string): boolean {
    return this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }
}
