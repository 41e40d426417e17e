import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { DOCUMENT_CONTENT_TYPE_LIST } from './document.types.js';

/**
 * One upload. The server checks the decoded size (at most `MARKETING_DOCUMENT_MAX_BYTES`, 10 MiB)
 * and that the bytes are what `contentType` and the file name's extension say (magic bytes for
 * PDF, PNG, JPEG and the Office Open XML formats, UTF-8 text for txt/md): 4220 naming the field.
 */
export class DocumentContentDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  // eslint-disable-next-line no-control-regex -- a file name never holds control characters
  @Matches(/^[^/\\\u0000-\u001f]+\.[A-Za-z0-9]{1,8}$/, { message: 'fileName must be a file name with an extension, without a path' })
  fileName: string;

  @IsIn(DOCUMENT_CONTENT_TYPE_LIST, { message: `contentType must be one of ${DOCUMENT_CONTENT_TYPE_LIST.join(', ')}` })
  contentType: string;

  /** Base64 of the bytes; the message limit (16 MiB) bounds it before the server's own check. */
  @IsString()
  @IsNotEmpty()
  contentBase64: string;
}
