import { Controller, Get, Inject, NotFoundException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Input, wholeNumber } from '../validation/input.ts';
import { ValidInput } from '../validation/valid-input.decorator.ts';
import { USERS, type User, type UserStore } from './user.ts';

@ApiTags('async providers')
@Controller('users')
export class UsersController {
  constructor(@Inject(USERS) private readonly users: UserStore) {}

  @Get(':id')
  @ApiOperation({ summary: 'A user, from a store that an async provider connected at start-up.' })
  @Input({ params: z.object({ id: wholeNumber('id', 1, Number.MAX_SAFE_INTEGER) }) })
  user(@ValidInput() { params }: { params: { id: number } }): User {
    const userId = params.id;
    const user = this.users.find(userId);
    if (!user) throw new NotFoundException(`There is no user ${userId}.`);
    return user;
  }
}
