import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { MAX_AMOUNT } from '#ordo/domain';

/** `{ amount, currency }`: integer minor units — 12.5 or "1250" are refused, never rounded. */
export class MoneyDto {
  @ApiProperty({ type: 'integer', example: 2500, description: 'Integer amount in the currency\'s minor units', minimum: 0, maximum: MAX_AMOUNT })
  @IsDefined()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  amount!: number;

  @ApiProperty({ example: 'USD', description: 'ISO 4217 code' })
  @IsDefined()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code in capitals' })
  currency!: string;
}
