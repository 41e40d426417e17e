import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateDocumentDto,
  DownloadDocumentDto,
  GetDocumentDto,
  ListDocumentsDto,
  MARKETING_DOCUMENT_CREATE_V1,
  MARKETING_DOCUMENT_DOWNLOAD_V1,
  MARKETING_DOCUMENT_GET_V1,
  MARKETING_DOCUMENT_LIST_V1,
  MARKETING_DOCUMENT_SHARE_V1,
  MARKETING_DOCUMENT_UPDATE_V1,
  ShareDocumentDto,
  UpdateDocumentDto,
  type DocumentContentView,
  type DocumentPage,
  type DocumentView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { DocumentService } from './document.service.js';

@Controller()
export class DocumentController {
  constructor(@Inject(DocumentService) private readonly documents: DocumentService) {}

  @MessagePattern(MARKETING_DOCUMENT_CREATE_V1)
  @RequirePermission('document.write')
  create(@Payload('payload') dto: CreateDocumentDto, @CallContext() ctx: CallContext): Promise<DocumentView> {
    return this.documents.create(dto, ctx);
  }

  @MessagePattern(MARKETING_DOCUMENT_UPDATE_V1)
  @RequirePermission('document.write')
  update(@Payload('payload') dto: UpdateDocumentDto, @CallContext() ctx: CallContext): Promise<DocumentView> {
    return this.documents.update(dto, ctx);
  }

  @MessagePattern(MARKETING_DOCUMENT_SHARE_V1)
  @RequirePermission('document.write')
  share(@Payload('payload') dto: ShareDocumentDto, @CallContext() ctx: CallContext): Promise<DocumentView> {
    return this.documents.share(dto, ctx);
  }

  @MessagePattern(MARKETING_DOCUMENT_GET_V1)
  @RequirePermission('document.read')
  get(@Payload('payload') dto: GetDocumentDto, @CallContext() ctx: CallContext): Promise<DocumentView> {
    return this.documents.get(dto.documentId, ctx);
  }

  @MessagePattern(MARKETING_DOCUMENT_LIST_V1)
  @RequirePermission('document.read')
  list(@Payload('payload') dto: ListDocumentsDto, @CallContext() ctx: CallContext): Promise<DocumentPage> {
    return this.documents.list(dto, ctx);
  }

  @MessagePattern(MARKETING_DOCUMENT_DOWNLOAD_V1)
  @RequirePermission('document.read')
  download(@Payload('payload') dto: DownloadDocumentDto, @CallContext() ctx: CallContext): Promise<DocumentContentView> {
    return this.documents.download(dto, ctx);
  }
}
