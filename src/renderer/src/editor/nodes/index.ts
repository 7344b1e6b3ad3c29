import type { Klass, LexicalNode } from 'lexical'
import { HeadingNode, QuoteNode } from '@lexical/rich-text'
import { ListItemNode, ListNode } from '@lexical/list'
import { LinkNode } from '@lexical/link'
import { HorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode'
import { ImageNode } from './ImageNode'
import { RawBlockNode } from './RawBlockNode'
import { MarkNode } from '@lexical/mark'
import { SuggestionNode } from './SuggestionNode'

/** Every node the article body may contain. */
export const EDITOR_NODES: Klass<LexicalNode>[] = [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, HorizontalRuleNode, ImageNode, RawBlockNode, MarkNode, SuggestionNode]
