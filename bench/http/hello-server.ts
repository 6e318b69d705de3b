/**
 * Baseline for the POST /v1/orders bench: the cheapest Nest POST with a comparable DTO.
 * `POST /hello` validates 6 fields (strings, an int, a nested object of 2) with the very same
 * ValidationPipe the app uses, and returns the DTO. No logger, no guard, no interceptors, no I/O:
 * what is left is Nest + the adapter + body parsing + class-transformer/class-validator.
 * Usage: PORT=0 node dist/bench/http/hello-server.js [--adapter=express|fastify]
 */
import 'reflect-metadata';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { createValidationPipe } from '../../apps/api/src/platform/validation.js';
import { adapterFromArgs, serve } from './serve.js';

class PriceDto {
  @IsDefined() @IsInt() @Min(0) amount!: number;
  @IsDefined() @IsString() @Matches(/^[A-Z]{3}$/) currency!: string;
}

class HelloDto {
  @IsDefined() @IsString() @MaxLength(200) name!: string;
  @IsDefined() @IsString() @MaxLength(64) sku!: string;
  @IsDefined() @IsInt() @Min(1) quantity!: number;
  @IsDefined() @IsString() @Matches(/^[A-Z]{3}$/) currency!: string;
  @IsDefined() @ValidateNested() @Type(() => PriceDto) price!: PriceDto;
}

@Controller()
class HelloController {
  @Post('hello')
  hello(@Body() dto: HelloDto): HelloDto {
    return dto;
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

const adapter = adapterFromArgs();
const httpAdapter =
  adapter === 'fastify'
    ? new (await import('@nestjs/platform-fastify')).FastifyAdapter({ bodyLimit: 1_048_576 })
    : new (await import('@nestjs/platform-express')).ExpressAdapter();
const app = await NestFactory.create(HelloModule, httpAdapter, { logger: false });
app.useGlobalPipes(createValidationPipe());
await serve(app);
