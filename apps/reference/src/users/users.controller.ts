import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { boundedInt } from '../config/bounded-int.ts';
import { USERS, type User, type UserStore } from './user.ts';

@ApiTags('async providers')
@Controller('users')
export class UsersController {
  constructor(@Inject(USERS) private readonly users: UserStore) {}

  @Get(':id')
  @ApiOperation({ summary: 'A user, from a store that an async provider connected at start-up.' })
  user(@Param('id') id: string): User {
    const userId = boundedInt(id, 'id', 1, Number.MAX_SAFE_INTEGER);
    const user = this.users.find(userId);
    if (!user) throw new NotFoundException(`There is no user ${userId}.`);
    return user;
  }
}
