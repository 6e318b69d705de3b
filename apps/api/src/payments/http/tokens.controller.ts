import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvalidCardError } from '#ordo/processor';
import { ApiError } from '../../platform/api-error.js';
import { Clock } from '../../platform/clock.js';
import { ApiData } from '../../platform/openapi/envelope.js';
import { Ctx, type RequestContext } from '../../platform/request-context.js';
import { processorAccount } from '../processor/card-for-token.js';
import { PaymentProcessors } from '../processor/payment-processors.js';
import { toApiError } from '../processor/processor-error-map.js';
import { CreateTokenDto } from './tokens.dto.js';
import { TokenResponse } from './payment.responses.js';

/**
 * Test mode only: turns a documented test card into a token of this merchant's. In production
 * card data would go from the buyer's browser straight to the processor; the hosted pages will
 * call this same path. Only brand, last4 and expiry come back; the number and CVC stop at the
 * processor, which keeps neither.
 */
@ApiTags('tokens')
@ApiBearerAuth()
@Controller('v1/tokens')
export class TokensController {
  constructor(
    private readonly processors: PaymentProcessors,
    private readonly clock: Clock,
  ) {}

  @Post()
  @ApiData(TokenResponse, 201, 'Created')
  @ApiOperation({ summary: 'Test mode: make a card token from a documented test card number' })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreateTokenDto) {
    // Live mode has no processor, so card numbers are refused there (PROCESSOR_NOT_CONFIGURED).
    const processor = this.processors.require(ctx.mode);
    const { card } = dto;
    const result = await processor
      .tokenize({ number: card.number, exp_month: card.exp_month, exp_year: card.exp_year, cvc: card.cvc, mode: ctx.mode, now: this.clock.now(), account: processorAccount(ctx) })
      .catch((error: unknown) => {
        if (error instanceof InvalidCardError) throw new ApiError(422, error.code.toUpperCase(), error.message, `card.${error.field}`);
        throw toApiError(error);
      });
    return { id: result.token, object: 'token', card: { brand: result.card.brand, last4: result.card.last4, exp_month: result.card.exp_month, exp_year: result.card.exp_year } };
  }
}
