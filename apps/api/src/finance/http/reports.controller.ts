import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { LEDGER_ACCOUNTS } from '#ordo/domain';
import { ApiData, MoneyResponse } from '../../platform/openapi/envelope.js';
import { Ctx, type RequestContext } from '../../platform/request-context.js';
import { TrialBalanceQueries } from '../trial-balance.queries.js';

export class TrialBalanceAccountResponse {
  @ApiProperty({ enum: LEDGER_ACCOUNTS })
  account!: string;
  @ApiProperty({ type: MoneyResponse })
  debit_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse })
  credit_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse, description: 'Debits minus credits' })
  balance_money!: MoneyResponse;
}

export class TrialBalanceCurrencyResponse {
  @ApiProperty({ example: 'USD' })
  currency!: string;
  @ApiProperty({ type: [TrialBalanceAccountResponse] })
  accounts!: TrialBalanceAccountResponse[];
  @ApiProperty({ type: MoneyResponse })
  total_debit_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse })
  total_credit_money!: MoneyResponse;
  @ApiProperty({ description: 'Debits equal credits (always, unless the journal is broken)' })
  balanced!: boolean;
}

export class TrialBalanceResponse {
  @ApiProperty({ enum: ['trial_balance'] })
  object!: string;
  @ApiProperty({ type: [TrialBalanceCurrencyResponse] })
  currencies!: TrialBalanceCurrencyResponse[];
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly trialBalance: TrialBalanceQueries) {}

  @Get('trial-balance')
  @ApiData(TrialBalanceResponse)
  @ApiOperation({ summary: 'The double-entry journal summed per currency and account (docs/finance.md)' })
  get(@Ctx() ctx: RequestContext) {
    return this.trialBalance.trialBalance(ctx);
  }
}
