import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';

/** Test card data. It goes to the sandbox processor and nowhere else: never stored, never logged. */
export class TestCardDto {
  @ApiProperty({ example: '4242424242424242', description: 'A documented test card number (docs/processor.md); spaces and dashes are ignored' })
  @IsDefined()
  @IsString()
  @Matches(/^[0-9 -]{12,23}$/, { message: 'card.number must be 12 to 19 digits' })
  number!: string;

  @ApiProperty({ type: 'integer', example: 12 })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(12)
  exp_month!: number;

  @ApiProperty({ type: 'integer', example: 2030 })
  @IsDefined()
  @IsInt()
  @Min(0)
  @Max(9999)
  exp_year!: number;

  @ApiProperty({ example: '123' })
  @IsDefined()
  @IsString()
  @Matches(/^\d{3,4}$/, { message: 'card.cvc must be 3 or 4 digits' })
  cvc!: string;
}

export class CreateTokenDto {
  @ApiProperty({ type: TestCardDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TestCardDto)
  card!: TestCardDto;
}
