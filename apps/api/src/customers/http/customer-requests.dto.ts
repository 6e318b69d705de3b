import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsMetadata } from '../../orders/http/metadata.validator.js';
import { PageQueryDto } from '../../platform/page-query.dto.js';

/*
 * Shapes only: what each field may hold (an email address, an E.164 phone, an ISO country) is a
 * domain rule with its own code (INVALID_EMAIL, INVALID_PHONE, INVALID_COUNTRY…).
 */

export class AddressDto {
  @ApiPropertyOptional({ example: '1 Main St' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  line1?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  line2?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'Springfield' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  city?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'IL' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  state?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '62701' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  postal_code?: string | null;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2', example: 'US' })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  country?: string;
}

export class CreateCustomerDto {
  @ApiPropertyOptional({ example: 'Jane Doe' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  name?: string;

  @ApiPropertyOptional({ example: 'jane@example.com' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  email?: string;

  @ApiPropertyOptional({ description: 'E.164', example: '+14155550123' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  phone?: string;

  @ApiPropertyOptional({ type: AddressDto, description: 'Billing address' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsMetadata()
  metadata?: Record<string, string>;
}

/** Named fields change; null clears one (metadata: null empties it). */
export class UpdateCustomerDto extends CreateCustomerDto {}

export class CreateCustomerWithClockDto extends CreateCustomerDto {
  @ApiPropertyOptional({ example: 'clock_…', description: 'Test mode: bill this customer (and their subscriptions) at a test clock’s time' })
  @IsOptional()
  @IsString()
  @Matches(/^clock_[A-Za-z0-9]{1,64}$/, { message: 'test_clock_id must be an id starting with clock_' })
  test_clock_id?: string;
}

export class SavePaymentMethodDto {
  @ApiProperty({ description: 'A token from POST /v1/tokens (or a ready-made test token such as tok_visa)', example: 'tok_visa' })
  @IsDefined()
  @IsString()
  @MaxLength(255)
  token!: string;

  @ApiPropertyOptional({ enum: ['on_session', 'off_session'], default: 'off_session', description: 'off_session: may be charged without the customer present' })
  @IsOptional()
  @IsIn(['on_session', 'off_session'])
  usage?: 'on_session' | 'off_session';

  @ApiPropertyOptional({ description: "Make it the customer's default (the first method saved always is)" })
  @IsOptional()
  @IsBoolean()
  set_default?: boolean;
}

export class ListCustomersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Exact email address, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'Part of the name, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  name?: string;
}

export class ListPaymentMethodsQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Also list removed methods' })
  @IsOptional()
  @Matches(/^(true|false)$/, { message: 'include_removed must be true or false' })
  include_removed?: string;
}
