import { setTimeout } from 'node:timers/promises';
import type { FactoryProvider } from '@nestjs/common';
import { USERS, type User, type UserStore } from './user.ts';

/**
 * An async provider: Nest awaits the factory before the app starts, as it
 * would a database connection, and injects the resolved store. The twin of an
 * async dependency in FastAPI.
 */
export const usersProvider: FactoryProvider<UserStore> = {
  provide: USERS,
  useFactory: async () => {
    await setTimeout(50); // connecting
    const users = new Map<number, User>(
      ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'].map((name, index) => [
        index + 1,
        { id: index + 1, name, email: `${name.split(' ')[0]?.toLowerCase()}@example.test` },
      ]),
    );
    return { find: (id) => users.get(id) };
  },
};
