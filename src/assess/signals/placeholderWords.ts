// The vocabulary of placeholder text: lorem ipsum, the filler layouts are made with, in its common forms.

/**
 * The words of "Lorem ipsum dolor sit amet…" (Cicero's De finibus as typesetters mangled it) and of the
 * generators that extend it. Nobody describes their work in it: a sentence made mostly of these words is
 * placeholder, not description. Lowercase.
 */
export const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set(
  `lorem ipsum dolor sit amet consectetur consectetuer adipiscing adipisci elit sed do eiusmod tempor
  incididunt incidunt ut labore et dolore magna aliqua aliquam enim ad minim veniam quis nostrud
  exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit
  voluptate velit esse cillum eu fugiat nulla pariatur excepteur sint occaecat cupidatat non proident
  sunt culpa qui officia deserunt mollit anim id est laborum perspiciatis unde omnis iste natus error
  voluptatem accusantium doloremque laudantium totam rem aperiam eaque ipsa quae ab illo inventore
  veritatis quasi architecto beatae vitae dicta explicabo nemo ipsam quia voluptas aspernatur aut odit
  fugit consequuntur magni dolores eos ratione sequi nesciunt neque porro quisquam dolorem numquam eius
  modi tempora incidunt quaerat minima nostrum exercitationem ullam corporis suscipit laboriosam
  aliquid commodi consequatur autem vel eum iure quam nihil molestiae illum quo vero accusamus iusto
  odio dignissimos ducimus blanditiis praesentium voluptatum deleniti atque corrupti quos quas
  molestias excepturi occaecati cupiditate similique mollitia animi dolorum fuga harum quidem rerum
  facilis expedita distinctio nam libero tempore cum soluta nobis eligendi optio cumque impedit minus
  maxime placeat facere possimus assumenda repellendus temporibus quibusdam officiis debitis
  necessitatibus saepe eveniet voluptates repudiandae recusandae itaque earum hic tenetur sapiente
  delectus reiciendis voluptatibus maiores alias perferendis doloribus asperiores repellat vestibulum
  ante primis faucibus orci luctus ultrices posuere cubilia curae donec pretium vulputate sapien nec
  sagittis aliquet etiam pellentesque habitant morbi tristique senectus netus malesuada fames ac turpis
  egestas mauris nunc congue nisl vivamus arcu felis bibendum lacinia quisque integer feugiat
  scelerisque varius tincidunt dui eget lectus proin tortor nibh purus semper risus viverra accumsan
  lacus vel facilisis volutpat blandit massa fermentum iaculis urna cras justo nullam ornare leo
  suspendisse potenti phasellus vehicula ultricies mi pulvinar condimentum mattis rhoncus dictum
  fusce posuere sollicitudin interdum praesent elementum euismod gravida convallis tellus molestie
  imperdiet hendrerit odio augue dapibus sodales rutrum venenatis pharetra lobortis metus auctor
  neque porttitor aenean commodo ligula massa cursus erat tempus efficitur laoreet sem platea
  dictumst hac habitasse`
    .split(/\s+/u)
    .filter(Boolean),
);
