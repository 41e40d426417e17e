import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AcceptQuoteDto,
  ApproveQuoteDto,
  CreateQuoteDto,
  GetQuoteDto,
  ListQuotesDto,
  QUOTE_ACCEPT_V1,
  QUOTE_APPROVE_V1,
  QUOTE_CREATE_V1,
  QUOTE_PRICE_V1,
  PriceQuoteDto,
  QUOTE_DOCUMENT_V1,
  QUOTE_GET_V1,
  QUOTE_LIST_V1,
  QUOTE_REJECT_V1,
  QUOTE_REVISE_V1,
  QuoteDocumentDto,
  RejectQuoteDto,
  ReviseQuoteDto,
  type QuoteDocument,
  type QuotePage,
  type QuoteView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { QuoteService } from './quote.service.js';

@Controller()
export class QuoteController {
  constructor(@Inject(QuoteService) private readonly quotes: QuoteService) {}

  @MessagePattern(QUOTE_CREATE_V1)
  @RequirePermission('quote.write')
  create(@Payload('payload') dto: CreateQuoteDto, @CallContext() ctx: CallContext): Promise<QuoteView> {
    return this.quotes.create(dto, ctx);
  }

  @MessagePattern(QUOTE_PRICE_V1)
  @RequirePermission('quote.read')
  price(@Payload('payload') dto: PriceQuoteDto, @CallContext() ctx: CallContext): Promise<QuoteView> {
    return this.quotes.price(dto, ctx);
  }

  @MessagePattern(QUOTE_REVISE_V1)
  @RequirePermission('quote.write')
  revise(@Payload('payload') dto: ReviseQuoteDto, @CallContext() ctx: CallContext): Promise<QuoteView> {
    return this.quotes.revise(dto, ctx);
  }

  @MessagePattern(QUOTE_APPROVE_V1)
  @RequirePermission('quote.approve')
  approve(@Payload('payload') dto: ApproveQuoteDto, @CallContext() ctx: CallContext): Promise<QuoteView> {
    return this.quotes.approve(dto, ctx);
  }

  @MessagePattern(QUOTE_REJECT_V1)
  @RequirePermission('quote.approve')
  reject(@Payload('payload') dto: RejectQuoteDto, @CallContext() ctx: CallContext): Promise<QuoteView> {
    return this.quotes.reject(dto, ctx);
  }

  @MessagePattern(QUOTE_ACCEPT_V1)
  @RequirePermission('quote.write')
  accept(@Payload('payload') dto: AcceptQuoteDto, @CallContext() ctx: CallContext): Promise<QuoteView> {
    return this.quotes.accept(dto, ctx);
  }

  @MessagePattern(QUOTE_GET_V1)
  @RequirePermission('quote.read')
  get(@Payload('payload') dto: GetQuoteDto, @CallContext() ctx: CallContext): Promise<QuoteView> {
    return this.quotes.get(dto.quoteId, ctx);
  }

  @MessagePattern(QUOTE_LIST_V1)
  @RequirePermission('quote.read')
  list(@Payload('payload') dto: ListQuotesDto, @CallContext() ctx: CallContext): Promise<QuotePage> {
    return this.quotes.list(dto, ctx);
  }

  @MessagePattern(QUOTE_DOCUMENT_V1)
  @RequirePermission('quote.read')
  document(@Payload('payload') dto: QuoteDocumentDto, @CallContext() ctx: CallContext): Promise<QuoteDocument> {
    return this.quotes.document(dto.quoteId, ctx);
  }
}
