package dev.streamingadaptive.parquet.meta;

/**
 * Header of a page (Thrift {@code PageHeader}). Exactly one of the type-specific headers is normally
 * set; index page headers are skipped. Sizes are not validated here (the page reader checks them
 * against the column chunk).
 *
 * @param type                 page type, or null when the writer used an unknown id
 * @param uncompressedPageSize body size after decompression (excluding this header)
 * @param compressedPageSize   body size on disk (excluding this header)
 * @param crc                  CRC-32 of the body as stored, or null
 * @param dataPageHeader       set for DATA_PAGE
 * @param dictionaryPageHeader set for DICTIONARY_PAGE
 * @param dataPageHeaderV2     set for DATA_PAGE_V2
 */
public record PageHeader(PageType type, int uncompressedPageSize, int compressedPageSize, Integer crc,
                         DataPageHeader dataPageHeader, DictionaryPageHeader dictionaryPageHeader,
                         DataPageHeaderV2 dataPageHeaderV2) {}
