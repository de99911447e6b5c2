package dev.framesmith.video.catalog;

import java.util.Locale;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** How the catalogue's query parameters bind: statuses in any case, cursors as this API wrote them. */
@Configuration(proxyBeanMethods = false)
class CatalogWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, VideoStatus.class,
                text -> text.isBlank() ? null : VideoStatus.valueOf(text.strip().toUpperCase(Locale.ROOT)));
        registry.addConverter(String.class, ListCursor.class, ListCursor::decode);
    }
}
