export interface User {
  id: number;
  name: string;
  email: string;
}

export const USERS = Symbol('Users');

/** What the async provider resolves to: a connected, ready-to-use user store. */
export interface UserStore {
  find(id: number): User | undefined;
}
