import { Module } from '@nestjs/common';
import { RowsController } from './rows.controller.ts';
import { RowsRepository } from './rows.repository.ts';

@Module({
  controllers: [RowsController],
  providers: [RowsRepository],
})
export class AppModule {}
