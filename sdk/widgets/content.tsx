import type { Block, Content, Span } from '../core/schema/content';

/**
 * Guide content rendered as elements and text nodes only: Preact sets text with textContent, so
 * "<img src=x onerror=alert(1)>" in a title shows as those characters and never runs.
 */
export function ContentView({ content, titleId }: { content: Content; titleId: string }) {
  return (
    <>
      {content.title ? (
        <h2 class="wm-title" id={titleId}>
          {content.title}
        </h2>
      ) : null}
      {content.blocks.map((block, index) => (
        <BlockView key={index} block={block} />
      ))}
    </>
  );
}

function BlockView({ block }: { block: Block }) {
  if (block.type === 'image') return <img src={block.src} alt={block.alt} />;
  return (
    <p>
      {block.spans.map((span, index) => (
        <SpanView key={index} span={span} />
      ))}
    </p>
  );
}

function SpanView({ span }: { span: Span }) {
  if (typeof span === 'string') return <>{span}</>;
  let node = <>{span.text}</>;
  if (span.bold) node = <strong>{node}</strong>;
  if (span.italic) node = <em>{node}</em>;
  if (span.href) {
    node = (
      <a href={span.href} target="_blank" rel="noopener noreferrer">
        {node}
      </a>
    );
  }
  return node;
}
