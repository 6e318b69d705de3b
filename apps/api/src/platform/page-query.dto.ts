import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Cursor pagination query fields shared by every list route (brief §2). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Matches(/^(100|[1-9]\d?)$/, { message: 'page_size must be an integer from 1 to 100' })
  page_size?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(512)
  page_token?: string;
}
