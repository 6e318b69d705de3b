import { Module } from '@nestjs/common';
import { ReportsController } from './http/reports.controller.js';
import { TrialBalanceQueries } from './trial-balance.queries.js';

@Module({ controllers: [ReportsController], providers: [TrialBalanceQueries] })
export class FinanceModule {}
